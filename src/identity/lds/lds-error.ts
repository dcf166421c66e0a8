/**
 * Typed errors for everything read from or written to an eMRTD chip image. A caller (the QC reader, the
 * personalizer) catches {@link LdsError} and gets, on every subclass, *what* was wrong and *where*.
 */

/** Base class of every error the LDS encoders and parsers throw on bad input. */
export class LdsError extends Error {
  /** Byte offset in the buffer that was being read (absolute, from the start of the file), when known. */
  readonly offset: number | undefined;

  /** `message` names the problem; `offset` is where it was found. */
  constructor(message: string, offset?: number) {
    super(offset === undefined ? message : `${message} (at byte ${offset})`);
    this.name = new.target.name;
    this.offset = offset;
  }
}

/**
 * A structure that is well-formed TLV but not what the standard prescribes: a wrong tag, a missing element,
 * an out-of-range value. `file` is the elementary file ("DG13", "EF.SOD"), `path` the element inside it.
 */
export class LdsFormatError extends LdsError {
  /** Elementary file or structure being read, e.g. "DG2" or "EF.SOD". */
  readonly file: string;
  /** Position inside the structure, e.g. "7F61/7F60/5F2E facial record header". */
  readonly path: string;

  /** `file` and `path` locate the problem; `problem` says what it is. */
  constructor(file: string, path: string, problem: string, offset?: number) {
    super(`${file}: ${path}: ${problem}`, offset);
    this.file = file;
    this.path = path;
  }
}
