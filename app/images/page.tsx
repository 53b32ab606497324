import { ImagesPage } from '@/components/images/images-page';

export default function Page() {
  return <ImagesPage />;
}
