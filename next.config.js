/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and stream-heavy modules stay outside the route bundles; the custom server
  // (server/index.ts) owns their single instances and shares them through globalThis.
  serverExternalPackages: ['better-sqlite3', 'dockerode', 'docker-modem', 'ssh2', 'cpu-features', 'socket.io'],
  // The image build (Dockerfile) sets SLIPWAY_STANDALONE=1: Next then traces the files the app needs, and
  // scripts/trace-runtime.mjs copies only those into the image instead of all of node_modules.
  ...(process.env.SLIPWAY_STANDALONE ? { output: 'standalone' } : {}),
  poweredByHeader: false,
  reactStrictMode: true,
  eslint: { ignoreDuringBuilds: true },
  typescript: { ignoreBuildErrors: true },
};
module.exports = nextConfig;
