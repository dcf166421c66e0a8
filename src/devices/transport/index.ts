/**
 * Byte transports under the serial-line drivers: a real serial port (serialport), an in-memory link, and the
 * socat pty pair that connects a simulator to a driver through real serial devices.
 */
export * from './byte-transport';
export * from './memory-link';
export * from './serial-open-error';
export * from './serial-transport';
export * from './socat-pty-pair';
