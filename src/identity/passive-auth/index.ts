/**
 * Passive authentication of an eMRTD chip's contents (ICAO 9303-11 section 5.1).
 */
export { verifyPassiveAuthentication } from './verify-passive-authentication';
export type {
  PassiveAuthCheck,
  PassiveAuthInput,
  PassiveAuthReport,
  PassiveAuthStatus,
  ReportedCertificate,
} from './passive-auth-report';
