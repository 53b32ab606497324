// Types and zod schemas for the backups area (HTTP bodies and socket events), shared by client and server.
export {};
