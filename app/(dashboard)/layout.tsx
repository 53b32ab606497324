import { DashboardFrame } from '@/components/frame/dashboard-frame';

// One frame for every signed-in page: it stays mounted across navigations (issue 16).
export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  return <DashboardFrame>{children}</DashboardFrame>;
}
