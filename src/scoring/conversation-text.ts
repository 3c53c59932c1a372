import type { Transcript } from '../core/suite.js';

/**
 * A transcript as a judge reads it: one block per message, named by role. Instructions the
 * target got (system / developer) are shown as such; the last assistant message is the one graded.
 */
export function conversationText(transcript: Pick<Transcript, 'messages' | 'output'>): string {
  const messages = transcript.messages.length ? transcript.messages : [{ role: 'assistant' as const, content: transcript.output }];
  return messages.map((m) => `${m.role.toUpperCase()}:\n${m.content}`).join('\n\n');
}
