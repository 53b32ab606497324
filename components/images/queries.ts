'use client';
// Queries of the images page: the list and, on demand, the prune preview.
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';

export const imageKeys = { list: ['images'] as const, prune: ['images', 'prune-preview'] as const };

export const useImagesQuery = () => useQuery({ queryKey: imageKeys.list, queryFn: () => api('/api/images') });
export const usePrunePreviewQuery = (enabled: boolean) =>
  useQuery({ queryKey: imageKeys.prune, queryFn: () => api('/api/images/prune'), enabled, staleTime: 0, gcTime: 0 });
