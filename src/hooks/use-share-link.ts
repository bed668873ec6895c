import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { appConfigQuery } from '../api/queries.ts';
import { isLocalOnlyLink, shareLink } from '../lib/page-url.ts';

export interface ShareLink {
  /** The link to what is on screen now (made when asked: the address changes with every zoom). */
  link: () => string;
  /** The links point at this machine only: say so where they are copied. */
  localOnly: boolean;
}

/** Links to share, built on PEERSCOPE_PUBLIC_URL (from /api/config) when it is set. */
export function useShareLink(): ShareLink {
  const publicUrl = useQuery(appConfigQuery()).data?.publicUrl ?? null;
  const link = useCallback(() => shareLink(publicUrl, window.location), [publicUrl]);
  return { link, localOnly: isLocalOnlyLink(shareLink(publicUrl, window.location)) };
}
