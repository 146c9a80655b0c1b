import type { Page } from '@playwright/test';

/** Counts what a screenshot cannot show: alert tones started and notifications raised. */
export async function recordSoundAndNotifications(page: Page) {
  await page.addInitScript(() => {
    window.__tones = 0;
    window.__notifications = [];
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
      window.__tones = (window.__tones ?? 0) + 1;
      return start.apply(this, args);
    };
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      constructor(title: string) {
        window.__notifications?.push(title);
      }
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true });
  });
}
