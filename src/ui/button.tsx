import type { ButtonHTMLAttributes } from 'preact';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'danger-solid' | 'quiet';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  readonly variant?: ButtonVariant;
}

/** A button in one of the shared styles; `type` defaults to "button" so it never submits by accident. */
export function Button({ variant = 'secondary', type = 'button', class: className, ...rest }: ButtonProps) {
  const classes = ['yl-button', variant === 'secondary' ? '' : `yl-button--${variant}`, className ?? '']
    .filter(Boolean)
    .join(' ');
  return <button type={type} class={classes} {...rest} />;
}
