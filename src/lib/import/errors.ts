/**
 * An input the importer cannot turn into an article. The message says what is wrong and
 * how to fix it; `file` and `line` say where, so the CLI prints `file:line: message` like
 * every other tool, and goes on with the next input.
 */
export class ImportError extends Error {
  readonly file: string;
  readonly line: number | undefined;

  constructor(file: string, message: string, line?: number) {
    super(message);
    this.name = 'ImportError';
    this.file = file;
    this.line = line;
  }

  /** `file:line: message`. */
  format(): string {
    return `${this.line === undefined ? this.file : `${this.file}:${this.line}`}: ${this.message}`;
  }
}
