// The files area: list, download and upload for containers and volumes (see file-read.ts, file-write.ts).
export { listFiles, downloadPath } from './file-read';
export { uploadFile, UPLOAD_LIMIT_BYTES } from './file-write';
export { normalizeFilePath } from './file-paths';
export { containerSource, volumeSource } from './sources';
