/**
 * Serial open failures in operator words. The inputs are the texts serialport's native binding produces
 * (@serialport/bindings-cpp src/serialport_unix.cpp: "Error: %s, cannot open %s" and "Error %s Cannot lock port").
 */
import { classifySerialOpenFailure, SerialOpenError } from '../../../src/devices/transport/serial-open-error';

test('the binding texts map to their reasons', () => {
  expect(classifySerialOpenFailure('Error: No such file or directory, cannot open /dev/ttyUSB0')).toBe('not-found');
  expect(classifySerialOpenFailure('Error: Permission denied, cannot open /dev/ttyUSB0')).toBe('permission');
  expect(classifySerialOpenFailure('Error Resource temporarily unavailable Cannot lock port')).toBe('busy');
  expect(classifySerialOpenFailure('Error: Device or resource busy, cannot open /dev/ttyS0')).toBe('busy');
  expect(classifySerialOpenFailure('Error: Inappropriate ioctl for device setting custom baud rate of 115200')).toBe('not-a-serial-device');
  expect(classifySerialOpenFailure('Error: Is a directory, cannot open /tmp')).toBe('not-a-serial-device');
  expect(classifySerialOpenFailure('Error: Input/output error')).toBe('other');
});

test('each message names the path and the remedy', () => {
  expect(new SerialOpenError('/dev/ttyUSB0', 'permission', 'x').message).toBe(
    'cannot open serial port /dev/ttyUSB0: permission denied; add the user to the dialout group (sudo usermod -aG dialout $USER) and log in again',
  );
  expect(new SerialOpenError('/dev/ttyUSB0', 'not-found', 'x').message).toContain('cannot open serial port /dev/ttyUSB0: no such device');
  expect(new SerialOpenError('/dev/ttyUSB0', 'busy', 'x').message).toContain('another program has it open (find it with: fuser -v /dev/ttyUSB0)');
  expect(new SerialOpenError('/dev/ttyUSB0', 'timeout', undefined).message).toBe('cannot open serial port /dev/ttyUSB0: it did not open in time');
  expect(new SerialOpenError('/dev/x', 'other', 'Error: Input/output error').message).toBe('cannot open serial port /dev/x: Error: Input/output error');
});
