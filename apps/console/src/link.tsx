import type { MouseEvent, ReactNode } from 'react';
import { navigate } from './router';

/** An ordinary link (open in a new tab works) that moves inside the console without a reload; `current` marks the page shown. */
export function Link({ href, current, children }: { href: string; current?: boolean; children: ReactNode }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={follow} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}
