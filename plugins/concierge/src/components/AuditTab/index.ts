export { AuditTab, AUDIT_EXPORT_FILE, AUDIT_PAGE_SIZE } from './AuditTab';
export { AuditTable } from './AuditTable';
export { VerifyResultAlert, describeVerification } from './VerifyResultAlert';
