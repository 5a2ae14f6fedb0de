import type { ComponentChildren } from 'preact';

export interface ExternalLinkProps {
  readonly href: string;
  readonly children: ComponentChildren;
  readonly class?: string;
}

/**
 * A link that leaves the extension for a source on the web. It opens in a new tab, so the reader
 * keeps their place, and says so to assistive technology; the page it opens learns nothing about
 * where the reader came from.
 */
export function ExternalLink({ href, children, class: className }: ExternalLinkProps) {
  return (
    <a class={`yl-external${className ? ` ${className}` : ''}`} href={href} target="_blank" rel="noopener noreferrer">
      {children}
      <svg class="yl-external__icon" viewBox="0 0 12 12" width="10" height="10" aria-hidden="true" focusable="false">
        <path d="M4.5 2.5h-2v7h7v-2M7 2.5h2.5V5M9.5 2.5 5.5 6.5" fill="none" stroke="currentColor" stroke-width="1.3" />
      </svg>
      <span class="yl-visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}
