/**
 * Runs on article pages only: applies the stored font size at once (the module is
 * loaded from <head>), then wires the 字体 buttons, the share buttons and the citation's
 * 引用日期. Everything stays in the reader's browser.
 */
import { FONT_SIZE_KEY, localDay, parseFontSize, type FontSize } from '../lib/reader-prefs.ts';

function storedFontSize(): FontSize {
  try {
    return parseFontSize(localStorage.getItem(FONT_SIZE_KEY));
  } catch {
    return 'medium'; // storage disabled: the default size, no error
  }
}

function applyFontSize(size: FontSize): void {
  if (size === 'medium') delete document.documentElement.dataset['fontSize'];
  else document.documentElement.dataset['fontSize'] = size;
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-font-size]')) {
    button.setAttribute('aria-pressed', String(button.dataset['fontSize'] === size));
  }
}

applyFontSize(storedFontSize());

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-font-size]')) {
  button.addEventListener('click', () => {
    const size = parseFontSize(button.dataset['fontSize']);
    applyFontSize(size);
    try {
      if (size === 'medium') localStorage.removeItem(FONT_SIZE_KEY);
      else localStorage.setItem(FONT_SIZE_KEY, size);
    } catch {
      // storage disabled: the choice lasts for this page only
    }
  });
}

const share = document.querySelector<HTMLElement>('[data-share-url]');
if (share) {
  const url = share.dataset['shareUrl'] ?? location.href;
  const status = share.querySelector<HTMLElement>('.share-status');
  share.querySelector('[data-copy-link]')?.addEventListener('click', () => {
    navigator.clipboard.writeText(url).then(
      () => { if (status) status.textContent = share.dataset['copied'] ?? ''; },
      () => { if (status) status.textContent = share.dataset['copyFailed'] ?? ''; },
    );
  });
  const native = share.querySelector<HTMLButtonElement>('[data-native-share]');
  if (native && typeof navigator.share === 'function') {
    native.hidden = false;
    native.addEventListener('click', () => {
      navigator.share({ url, title: share.dataset['shareTitle'] ?? document.title }).catch(() => {
        // the reader closed the share sheet
      });
    });
  }
}

for (const placeholder of document.querySelectorAll('[data-access-date]')) placeholder.textContent = localDay(new Date());
