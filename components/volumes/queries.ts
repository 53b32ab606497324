'use client';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';

export const volumeKeys = { list: (sizes: boolean) => ['volumes', sizes] as const };
/** sizes make the engine walk every volume: the page asks for them, the backup form does not */
export const useVolumesQuery = (sizes = false) => useQuery({ queryKey: volumeKeys.list(sizes), queryFn: () => api(sizes ? '/api/volumes?sizes=1' : '/api/volumes') });
