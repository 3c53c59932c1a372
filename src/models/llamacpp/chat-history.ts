import type { ChatHistoryItem } from 'node-llama-cpp';
import type { ChatMessage } from '../../core/messages.js';

/**
 * Our messages as node-llama-cpp's chat history, ending with an empty model turn for the
 * reply. `developer` is OpenAI's name for the instruction role, so it becomes a system message.
 */
export function toChatHistory(messages: ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = messages.map((m): ChatHistoryItem => {
    switch (m.role) {
      case 'system':
      case 'developer':
        return { type: 'system', text: m.content };
      case 'user':
        return { type: 'user', text: m.content };
      case 'assistant':
        return { type: 'model', response: [m.content] };
    }
  });
  history.push({ type: 'model', response: [] });
  return history;
}
