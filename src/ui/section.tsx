import type { ComponentChildren } from 'preact';

export interface SectionProps {
  readonly id: string;
  readonly title: string;
  readonly description?: ComponentChildren;
  readonly children: ComponentChildren;
}

/** A titled region of a settings page; its heading names it for assistive technology. */
export function Section({ id, title, description, children }: SectionProps) {
  return (
    <section class="yl-section" id={id} aria-labelledby={`${id}-title`}>
      <h2 class="yl-section__title" id={`${id}-title`}>
        {title}
      </h2>
      {description ? <p class="yl-section__description">{description}</p> : null}
      <div class="yl-section__body">{children}</div>
    </section>
  );
}
