// Types and zod schemas for the stats area (HTTP bodies and socket events), shared by client and server.
export {};
