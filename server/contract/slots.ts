// Types and zod schemas for the slots area (HTTP bodies and socket events), shared by client and server.
export {};
