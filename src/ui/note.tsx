import type { ComponentChildren } from 'preact';

export type NoteTone = 'info' | 'warning' | 'error' | 'success';

export interface NoteProps {
  readonly tone: NoteTone;
  readonly title?: string;
  readonly children?: ComponentChildren;
  /** Buttons under the text. */
  readonly actions?: ComponentChildren;
  /** "alert" for an error the user just caused, "status" for news that can wait. */
  readonly role?: 'alert' | 'status';
  readonly id?: string;
}

/** A boxed message: what happened, in a tone, with optional actions. */
export function Note({ tone, title, children, actions, role, id }: NoteProps) {
  return (
    <div class={`yl-note yl-note--${tone}`} role={role} id={id}>
      {title ? <p class="yl-note__title">{title}</p> : null}
      {children}
      {actions ? <div class="yl-note__actions">{actions}</div> : null}
    </div>
  );
}
