import { useEffect, useRef, type RefObject } from 'react';

/** showModal where the platform has it (jsdom does not), else a plain open dialog. */
function show(element: HTMLDialogElement): void {
  if (typeof element.showModal === 'function') element.showModal();
  else element.setAttribute('open', '');
}

function hide(element: HTMLDialogElement): void {
  if (typeof element.close === 'function') element.close();
  else element.removeAttribute('open');
}

/** A `<dialog>` ref that is shown modally while `open` is true and closed when it turns false. */
export function useModalDialog(open: boolean): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement | null>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) show(element);
    if (!open && element.open) hide(element);
  }, [open]);
  return dialog;
}
