// Types and zod schemas for the shell area (HTTP bodies and socket events), shared by client and server.
export {};
