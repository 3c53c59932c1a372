import type { Reply } from '../server/reply.js';

/**
 * TEST DOUBLE: a response whose head cannot be written, as node:http's writer throws on a header
 * value it refuses: the way a reply can fail mid-answer after a call was admitted.
 */
export function throwingReply(): Reply & { ended: boolean } {
  return {
    headersSent: false, destroyed: false, writableFinished: false, socket: null, ended: false,
    writeHead() {
      throw new TypeError('Invalid character in header content ["x-injected"]');
    },
    write: () => true,
    end() {
      this.ended = true;
    },
    destroy() {
      (this as { destroyed: boolean }).destroyed = true;
    },
    on: () => undefined,
    off: () => undefined,
  };
}
