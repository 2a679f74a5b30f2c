// Issue 20: the installable app and Web Push, as a block of its own with its own user (Dora).
// Called from run.mjs with its helpers; each check is a step of the same report.

/** PNG width and height from its IHDR. */
function pngSize(bytes) {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export async function pwaSteps({ step, newUser, register, waitFor, tid, log, shot, server, run }) {
  const D = { phone: `15${run}4`, password: 'correct horse 4', nickname: 'Dora' };
  const { context, page } = await newUser();
  const origin = server.url;

  await step('PWA: the web app manifest is valid (name, standalone, theme colour, icons at 192 and 512 that load) and the service worker registers and controls the page', async () => {
    await page.goto(origin + '/');
    await page.locator(tid('login-page')).waitFor();
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const response = await fetch(new URL(href, origin));
    const manifest = await response.json();
    if (response.headers.get('content-type') !== 'application/manifest+json') throw new Error('type ' + response.headers.get('content-type'));
    if (manifest.name !== '微聊 Weiliao' || manifest.short_name !== '微聊') throw new Error('name ' + manifest.name);
    if (manifest.display !== 'standalone' || manifest.start_url !== '/' || !manifest.theme_color) throw new Error('display/start_url/theme');
    const sizes = new Set();
    for (const icon of manifest.icons) {
      const r = await fetch(new URL(icon.src, origin));
      const bytes = Buffer.from(await r.arrayBuffer());
      const { width, height } = pngSize(bytes);
      if (r.status !== 200 || r.headers.get('content-type') !== 'image/png' || `${width}x${height}` !== icon.sizes) {
        throw new Error(`icon ${icon.src}: ${r.status} ${r.headers.get('content-type')} ${width}x${height}`);
      }
      sizes.add(icon.sizes);
    }
    if (!sizes.has('192x192') || !sizes.has('512x512')) throw new Error('icon sizes ' + [...sizes]);
    const script = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
    if (script !== origin + '/sw.js') throw new Error('worker ' + script);
    await page.reload();
    await page.locator(tid('login-page')).waitFor();
    if (!(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL))) throw new Error('page not controlled');
  });

  await step('PWA: 新消息通知 asks nothing on load, shows a denied permission truthfully, and with permission tries PushManager.subscribe with the server key (outcome reported)', async () => {
    // counts the app's permission requests: there must be none until the switch is turned on
    await context.addInitScript(() => {
      const ask = Notification.requestPermission.bind(Notification);
      window.__permissionAsks = 0;
      Notification.requestPermission = (...args) => {
        window.__permissionAsks++;
        return ask(...args);
      };
    });
    await register(page, D);
    await page.goto(origin + '/me/settings');
    await page.locator(tid('notifications-switch')).waitFor();
    // headless Chromium starts with notifications denied; the switch must say what the browser says
    const initial = await page.evaluate(() => Notification.permission);
    await waitFor(page, (want) => document.querySelector('[data-testid="notifications-state"]')?.dataset.state === want,
      initial === 'denied' ? 'denied' : 'off');
    if ((await page.evaluate(() => window.__permissionAsks)) !== 0) throw new Error('permission asked on load');
    const cdp = await context.newCDPSession(page);
    try {
      await cdp.send('Browser.setPermission', { origin, permission: { name: 'notifications' }, setting: 'denied' });
      await page.reload();
      await waitFor(page, () => document.querySelector('[data-testid="notifications-state"]')?.dataset.state === 'denied');
      if (!(await page.locator(`${tid('notifications-switch')}.adm-switch-disabled`).count())) throw new Error('switch not disabled');
      await shot(page, 'settings-notifications-denied');
    } finally {
      await cdp.detach().catch(() => {});
    }
    await context.clearPermissions();
    await context.grantPermissions(['notifications'], { origin });
    await page.reload();
    await waitFor(page, () => document.querySelector('[data-testid="notifications-state"]')?.dataset.state === 'off');
    await page.locator(tid('notifications-switch')).click();
    await waitFor(page, () => window.__permissionAsks === 1);
    // Chromium subscribes through Google's push service (FCM), which this loopback-only run cannot
    // reach: the switch must then read off again and say why; with a reachable service it reads on.
    await waitFor(page, () => {
      const sw = document.querySelector('[data-testid="notifications-switch"]');
      return sw && !sw.classList.contains('adm-switch-disabled') && !sw.querySelector('.adm-switch-spin-icon');
    }, undefined, 60_000);
    const state = await page.evaluate(() => document.querySelector('[data-testid="notifications-state"]')?.dataset.state);
    const toast = await page.locator('.adm-toast-main').textContent().catch(() => null);
    log(`PushManager.subscribe with the server's key: the switch reads ${state}${toast ? `, toast "${toast}"` : ''}`);
    if (state !== 'on' && !toast) throw new Error(`switch ${state} and no reason shown`);
    await shot(page, 'settings-notifications');
  });

  await step('PWA: a push delivered to the worker (CDP) shows a notification with the title, body, icon and the conversation as tag', async () => {
    const cdp = await context.newCDPSession(page);
    try {
      const registrationId = new Promise((resolve) => cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const found = registrations.find((r) => r.scopeURL === origin + '/' && !r.isDeleted);
        if (found) resolve(found.registrationId);
      }));
      await cdp.send('ServiceWorker.enable');
      const payload = { type: 'message.new', conversationId: 'd_1_2', seq: 3, title: '小明', body: '晚上一起吃饭？' };
      await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId: await registrationId, data: JSON.stringify(payload) });
      let n = null;
      for (const deadline = Date.now() + 20_000; !n && Date.now() < deadline; await page.waitForTimeout(100)) {
        n = await page.evaluate(async () => {
          const list = await (await navigator.serviceWorker.ready).getNotifications({ tag: 'd_1_2' });
          return list.length ? { title: list[0].title, body: list[0].body, icon: list[0].icon } : null;
        });
      }
      if (!n || n.title !== '小明' || n.body !== '晚上一起吃饭？' || !n.icon.endsWith('/icons/icon-192.png')) throw new Error(JSON.stringify(n));
    } finally {
      await cdp.detach().catch(() => {});
    }
  });

  await step('PWA: offline, a reload opens the app shell from the worker: the chat list, titled 微聊(连接中…)', async () => {
    await page.goto(origin + '/chats');
    await page.locator(tid('chats-page')).waitFor();
    await waitFor(page, () => window.__weiliaoSocket?.state === 'ready');
    await context.setOffline(true);
    try {
      await page.reload();
      await page.locator(tid('chats-page')).waitFor();
      await waitFor(page, () => document.querySelector('[data-testid="chats-page"] .adm-nav-bar-title')?.textContent === '微聊(连接中…)');
      await shot(page, 'offline-app-shell');
    } finally {
      await context.setOffline(false);
    }
    await waitFor(page, () => window.__weiliaoSocket?.state === 'ready');
    await waitFor(page, () => document.querySelector('[data-testid="chats-page"] .adm-nav-bar-title')?.textContent === '微聊');
  });
}
