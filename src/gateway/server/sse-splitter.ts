import { StringDecoder } from 'node:string_decoder';

/**
 * Splits server-sent event bytes into events as they arrive, across chunk boundaries (and
 * UTF-8 boundaries). Used to read usage out of a stream the gateway passes through unchanged.
 */
export class SseSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private event: string | undefined;
  private data: string[] = [];

  constructor(private readonly onEvent: (event: string | undefined, data: string) => void) {}

  push(chunk: Buffer): void {
    const text = this.pending + this.decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      let line = text.slice(start, nl);
      start = nl + 1;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      this.line(line);
    }
    this.pending = text.slice(start);
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length) this.onEvent(this.event, this.data.join('\n'));
      this.event = undefined;
      this.data = [];
    } else if (line.startsWith('data:')) {
      this.data.push(line.slice(line.charCodeAt(5) === 32 ? 6 : 5));
    } else if (line.startsWith('event:')) {
      this.event = line.slice(6).trim();
    } // comments (":...") and other fields are ignored
  }
}
