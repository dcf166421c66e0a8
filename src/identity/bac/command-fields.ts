/**
 * The fields of an ISO/IEC 7816-4 command APDU, independent of how they are encoded on the wire. Secure
 * messaging works on these; the byte codec lives with the device drivers (devices/chip/apdu.ts), whose
 * `CommandApdu` has the same shape.
 */
export interface CommandFields {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  /** Command data (Nc = data.length); empty for cases 1 and 2. */
  data: Uint8Array;
  /** Ne, the maximum number of response data bytes expected: 0 = no Le field, 1-256 short, up to 65536 extended. */
  ne: number;
  /** True forces the extended-length encoding; otherwise (false or absent) it is used only when Nc > 255 or Ne > 256. */
  extended?: boolean;
}
