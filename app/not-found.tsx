import Link from 'next/link';

// Unknown URLs get a page with a way back, not Next's bare 404.
export default function NotFound() {
  return (
    <main className="flex min-h-full flex-col items-center justify-center gap-3 p-8 text-center">
      <p className="text-5xl font-semibold text-slate-300">404</p>
      <h1 className="text-lg font-semibold text-slate-800">This page does not exist</h1>
      <p className="max-w-sm text-sm text-slate-600">The address may be mistyped, or what it pointed to was removed.</p>
      <Link href="/" className="btn-primary">Back to stacks</Link>
    </main>
  );
}
