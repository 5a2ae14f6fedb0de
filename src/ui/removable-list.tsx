import { useLayoutEffect, useRef } from 'preact/hooks';

export interface RemovableListProps {
  /** Names the list for assistive technology ("Your terms for Korean War"). */
  readonly label: string;
  readonly items: readonly string[];
  /** The accessible name of an item's remove button ("Remove “armistice”"). */
  readonly removeLabel: (item: string) => string;
  readonly onRemove: (item: string) => void;
  /** Shown when there are no items. */
  readonly empty: string;
  /** Where focus goes when the last item is removed, so it is never lost to the page's end. */
  readonly focusWhenEmpty?: string;
}

/** Items shown as chips, each with a remove button; focus moves to a neighbour after a removal. */
export function RemovableList({ label, items, removeLabel, onRemove, empty, focusWhenEmpty }: RemovableListProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const refocus = useRef<number | null>(null);

  useLayoutEffect(() => {
    const index = refocus.current;
    if (index === null) return;
    refocus.current = null;
    const buttons = listRef.current?.querySelectorAll('button') ?? [];
    const next = buttons[Math.min(index, buttons.length - 1)];
    if (next) next.focus();
    else if (focusWhenEmpty) document.getElementById(focusWhenEmpty)?.focus();
  }, [items, focusWhenEmpty]);

  if (items.length === 0) return <p class="yl-empty">{empty}</p>;
  return (
    <ul class="yl-chips" aria-label={label} ref={listRef}>
      {items.map((item, index) => (
        <li class="yl-chip" key={item}>
          <span>{item}</span>
          <button
            type="button"
            class="yl-chip__remove"
            aria-label={removeLabel(item)}
            title={removeLabel(item)}
            onClick={() => {
              refocus.current = index;
              onRemove(item);
            }}
          >
            <span aria-hidden="true">×</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
