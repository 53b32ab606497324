import { StackView } from '@/components/stacks/stack-view';

export default async function Page({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <StackView name={decodeURIComponent(name)} />;
}
