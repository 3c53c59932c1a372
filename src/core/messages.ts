/** A chat message as every provider sees it. `developer` is OpenAI's name for the instruction role. */
export type MessageRole = 'system' | 'developer' | 'user' | 'assistant';

export interface ChatMessage {
  role: MessageRole;
  content: string;
}
