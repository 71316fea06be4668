export { DEV_KEY_ID, fieldKeyring, installFieldKeyring, keyringFromEnv, parseKeyring, type Keyring } from "./keyring";
export { FieldEncryptionError, isSealed, openField, sealedKeyId, sealField, type FieldPlace } from "./field";
export { encryptedColumns, markedColumns, markerStatement, placeOf, type EncryptedColumn, type SealedColumn } from "./columns";
export { formatRotation, rotateAll, rotateColumn, rotateDatabase, type ColumnRotation } from "./rotate";
