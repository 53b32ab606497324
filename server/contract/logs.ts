// Types and zod schemas for the logs area (HTTP bodies and socket events), shared by client and server.
export {};
