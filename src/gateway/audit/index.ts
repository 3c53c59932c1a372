/** The gateway's tamper-evident audit log: see audit-log.ts (writing) and verify.ts (checking). */
export { AuditLog, type AppendOptions, type ProofSource } from './audit-log.js';
export type { AuditStorage, AppendResult, LeafToAppend, StoredBody, StoredCheckpoint, StoredLeaf } from './audit-storage.js';
export { SqliteAuditStorage } from './sqlite-audit-storage.js';
export { AuditLogInUseError, JournaledAuditStorage, type Durability } from './journaled-audit-storage.js';
export { PostgresAuditStorage } from './postgres-audit-storage.js';
export { bodyHash, canonicalJson, entryLeafData, entryLeafHash, newSalt } from './canonical.js';
export { formatCheckpoint, openCheckpoint, parseCheckpoint, peekCheckpoint, signCheckpoint, type Checkpoint } from './checkpoint.js';
export { NoteError, generateSignerKey, openNote, parseSignerKey, parseVerifierKey, signNote, verifierKeyOf, type SignerKey, type VerifierKey } from './signed-note.js';
export { ProofError, emptyRoot, hashChildren, hashLeaf, rootFromInclusionProof, verifyConsistency, verifyInclusion } from './merkle.js';
export { MerkleTree } from './merkle-tree.js';
export { RECEIPT_HEADER, formatReceiptHeader, parseReceipt, receiptSignatureValid, signReceipt } from './receipt.js';
export { verifyAudit, verifyLogFile, type AuditProblem, type AuditProblemKind, type AuditReport, type ExportedLog, type ExportedLeaf } from './verify.js';
export { LOG_FORMAT, exportLines, exportLog, readCheckpointFile, readLogFile, readReceiptsFile } from './log-export.js';
export { AUDIT_PATHS, gatewayProofSource, handleAuditProofRequest } from './proof-http.js';
export { AUDIT_VERIFY_USAGE, auditVerifyCommand } from './audit-verify-command.js';
export { AUDIT_EXPORT_USAGE, auditExportCommand } from './audit-export-command.js';
export { startCheckpointing } from './checkpoint-schedule.js';
