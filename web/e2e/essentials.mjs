// Issue 18's end-to-end steps (chat essentials): voice, the image viewer, quotes and local delete,
// forwarding and multi-select, @mentions, pinned and muted chats. run.mjs calls each at its place
// in the scenario (they rely on the state the steps before them leave) and passes its helpers in.
import { makePng } from './png.mjs';

export function essentials(h) {
  const { step, tid, waitFor, textOf, shot, sendText, waitBubble, openChat, backToList, goTab, axeClean, A, DM } = h;
  const state = {};

  /** A row of a text message by its text (the first one: an original comes before quotes of it). */
  const textRow = (page, text) => page.locator('.msg-row[data-kind="text"]', { has: page.locator('.bubble-text', { hasText: text }) }).first();

  /** Holds 按住 说话 until the live duration shows `seconds`, optionally slides up, then lets go. */
  async function holdToTalk(page, seconds, { slideUp = false } = {}) {
    const box = await page.locator(tid('hold-to-talk')).boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.locator(tid('voice-overlay')).waitFor();
    await waitFor(page, (s) => document.querySelector('[data-testid="voice-elapsed"]')?.textContent === s, `${seconds}"`);
    if (slideUp) {
      await page.mouse.move(box.x + box.width / 2, box.y - 120, { steps: 4 });
      await page.locator('.voice-overlay-cancel').waitFor();
    }
    await page.mouse.up();
    await page.locator(tid('voice-overlay')).waitFor({ state: 'detached' });
  }

  /** A screenshot at 1280 px (the desktop layout), then back to the phone size. */
  async function desktopShot(page, name) {
    await page.setViewportSize({ width: 1280, height: 800 });
    try {
      await page.locator(tid('layout-desktop')).waitFor();
      await shot(page, name);
    } finally {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator('.narrow').waitFor();
    }
  }

  /** The voice messages received in the open chat: their audio elements' state. */
  const voices = (page) => page.$$eval('.msg-row[data-kind="voice"][data-mine="false"]', (rows) => rows.map((r) => {
    const a = r.querySelector('audio');
    return { seq: r.dataset.testid, duration: a.duration, readyState: a.readyState, currentTime: a.currentTime, paused: a.paused, playing: r.querySelector('[data-testid="voice-message"]').dataset.playing, dot: !!r.querySelector('[data-testid="voice-unplayed"]'), width: r.querySelector('[data-testid="voice-play"]').getBoundingClientRect().width };
  }));

  return {
    imageViewer: () => step('image viewer: the chat\'s images one after another by arrow keys, the wheel zooms, a save link downloads the image', async () => {
      const { pa, pb } = h.pages();
      await pa.locator(tid('composer-more')).click();
      await pa.locator(tid('image-input')).setInputFiles({ name: 'tall.png', mimeType: 'image/png', buffer: makePng(90, 160) });
      await waitFor(pb, () => [...document.querySelectorAll('[data-kind="image"] img[data-testid="msg-image"]')].some((i) => i.complete && i.naturalWidth === 90 && i.getAttribute('src')?.startsWith('/api/media/')));
      await pb.locator(tid('msg-image')).first().click();
      await waitFor(pb, () => document.querySelector('.adm-image-viewer-indicator')?.textContent === '1 / 2');
      await pb.keyboard.press('ArrowRight');
      await waitFor(pb, () => document.querySelector('.adm-image-viewer-indicator')?.textContent === '2 / 2');
      const zoom = () => pb.evaluate(() => Math.max(...[...document.querySelectorAll('.adm-image-viewer-image-wrapper')].map((w) => new DOMMatrix(getComputedStyle(w).transform).a)));
      if ((await zoom()) > 1.01) throw new Error('zoomed before any wheel');
      const view = pb.viewportSize();
      await pb.mouse.move(view.width / 2, view.height / 2);
      for (let i = 0; i < 4; i++) await pb.mouse.wheel(0, -120);
      await waitFor(pb, () => Math.max(...[...document.querySelectorAll('.adm-image-viewer-image-wrapper')].map((w) => new DOMMatrix(getComputedStyle(w).transform).a)) > 1.2);
      await shot(pb, 'image-viewer-zoomed');
      const saved = await pb.locator(tid('gallery-save')).evaluate(async (a) => {
        const r = await fetch(a.href);
        return { download: a.getAttribute('download'), status: r.status, type: r.headers.get('content-type') };
      });
      if (!saved.download || saved.status !== 200 || !saved.type?.startsWith('image/png')) throw new Error('save: ' + JSON.stringify(saved));
      await pb.keyboard.press('ArrowLeft');
      await waitFor(pb, () => document.querySelector('.adm-image-viewer-indicator')?.textContent === '1 / 2');
      await pb.keyboard.press('Escape');
      await pb.locator('.adm-image-viewer-content').waitFor({ state: 'detached' });
    }),

    voice: () => step('hold to talk: a refused microphone is explained; sliding up cancels; a ~2 s voice message from the fake microphone plays on the other side (duration ≈ 2 s, time advances), the same sender\'s next unplayed one follows, and the red dots go', async () => {
      const { pa, pb } = h.pages();
      await pa.locator(tid('composer-voice-toggle')).click();
      await pa.locator(tid('hold-to-talk')).waitFor();
      // the browser says no, as when the user refused the microphone
      await pa.evaluate(() => {
        navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
      });
      await pa.locator(tid('hold-to-talk')).click();
      const said = await textOf(pa, tid('voice-mic-refused'));
      if (!said.includes('麦克风') || !said.includes('允许')) throw new Error('refusal explained as: ' + said);
      await pa.locator('.adm-dialog-footer button').click();
      await pa.locator('.adm-dialog').waitFor({ state: 'detached' });
      await pa.evaluate(() => delete navigator.mediaDevices.getUserMedia); // the prototype's own again
      const before = (await voices(pb)).length;
      await holdToTalk(pa, 1, { slideUp: true });
      await holdToTalk(pa, 2);
      await holdToTalk(pa, 1);
      await waitFor(pb, (n) => document.querySelectorAll('.msg-row[data-kind="voice"][data-mine="false"] audio').length === n, before + 2);
      if ((await pa.locator('.msg-row[data-kind="voice"][data-mine="true"]').count()) !== 2) throw new Error('the slid-up recording was sent');
      await waitFor(pb, () => [...document.querySelectorAll('.msg-row[data-kind="voice"] audio')].slice(-2).every((a) => a.readyState >= 1));
      const [first, second] = (await voices(pb)).slice(-2);
      if (!(first.duration > 1.7 && first.duration < 2.8)) throw new Error('the 2 s message lasts ' + first.duration);
      if (!(second.duration > 0.7 && second.duration < 1.8)) throw new Error('the 1 s message lasts ' + second.duration);
      if (!first.dot || !second.dot) throw new Error('no red dot on unplayed voice messages');
      if (!(first.width > second.width)) throw new Error(`widths ${first.width} / ${second.width}`);
      if ((await pa.locator('.msg-row[data-mine="true"] [data-testid="voice-unplayed"]').count()) !== 0) throw new Error('a red dot on own voice messages');
      await shot(pb, 'voice');
      await pb.locator('.msg-row[data-kind="voice"][data-mine="false"]').nth(before).locator(tid('voice-play')).click();
      await waitFor(pb, (i) => {
        const a = document.querySelectorAll('.msg-row[data-kind="voice"][data-mine="false"] audio')[i];
        return !a.paused && a.currentTime > 0.3;
      }, before);
      // when it ends, the next unplayed one from the same sender plays by itself
      await waitFor(pb, (i) => {
        const a = document.querySelectorAll('.msg-row[data-kind="voice"][data-mine="false"] audio')[i + 1];
        return !a.paused && a.currentTime > 0.1;
      }, before, 10_000);
      await waitFor(pb, () => document.querySelectorAll('[data-testid="voice-unplayed"]').length === 0);
      await waitFor(pb, () => document.querySelectorAll('[data-testid="voice-message"][data-playing="true"]').length === 0, undefined, 10_000);
      // the dots stay away after a reload: played is remembered on this device
      await pb.reload();
      await pb.locator('.msg-row[data-kind="voice"]').last().waitFor();
      if ((await pb.locator(tid('voice-unplayed')).count()) !== 0) throw new Error('red dots back after a reload');
      await pa.locator(tid('composer-voice-toggle')).click();
      await pa.locator(tid('composer-input')).waitFor();
    }),

    quote: () => step('quote: a reply shows the quoted text under its bubble; on a freshly loaded chat, tapping the quote loads older history and scrolls to the original; 删除 hides a message on this device only', async () => {
      const { pa, pb } = h.pages();
      await textRow(pb, '你好，小红').locator(tid('bubble')).click({ button: 'right' });
      await pb.locator(tid('menu-quote')).click();
      if (!(await textOf(pb, tid('composer-quote'))).includes('你好，小红')) throw new Error('composer quote: ' + (await textOf(pb, tid('composer-quote'))));
      await sendText(pb, '收到，这是引用');
      await pb.locator(tid('composer-quote')).waitFor({ state: 'detached' });
      await waitBubble(pa, '收到，这是引用');
      const quote = textRow(pa, '收到，这是引用').locator(tid('msg-quote'));
      if (!(await quote.textContent()).includes('你好，小红')) throw new Error('quote shows ' + (await quote.textContent()));
      const seq = await quote.getAttribute('data-seq');
      await shot(pa, 'quote');
      await desktopShot(pa, 'desktop-quote');
      await pa.reload();
      await waitBubble(pa, '收到，这是引用');
      if ((await pa.locator(tid(`msg-${seq}`)).count()) !== 0) throw new Error('the original is already loaded: the test proves nothing');
      await textRow(pa, '收到，这是引用').locator(tid('msg-quote')).click();
      await pa.locator(`${tid(`msg-${seq}`)}.msg-highlight`).waitFor();
      const [box, pane] = [await pa.locator(tid(`msg-${seq}`)).boundingBox(), await pa.locator(tid('chat-scroll')).boundingBox()];
      if (!(box.y >= pane.y && box.y + box.height <= pane.y + pane.height)) throw new Error('the original is not on screen');
      // 删除: gone here, still there for the other side, and still gone after a reload
      await textRow(pb, '收到，这是引用').locator(tid('bubble')).click({ button: 'right' });
      await pb.locator(tid('menu-delete')).click();
      await pb.locator(tid('confirm-ok')).click();
      await textRow(pb, '收到，这是引用').waitFor({ state: 'detached' });
      await pb.reload();
      await waitBubble(pb, '你往上翻的时候来的');
      if ((await textRow(pb, '收到，这是引用').count()) !== 0) throw new Error('deleted message back after a reload');
      if ((await textRow(pa, '收到，这是引用').count()) !== 1) throw new Error('deleted for the other side too');
    }),

    forward: () => step('forward: an image to the group through the chat picker (found by pinyin initials); 多选 forwards a text and a file at once, in order', async () => {
      const { pa, pb } = h.pages();
      state.gid = await pb.locator(tid('chat-page')).getAttribute('data-conversation');
      const gid = state.gid;
      await goTab(pa, 'chats');
      await openChat(pa, DM);
      const image = pa.locator('.msg-row[data-kind="image"]').first();
      const src = await image.locator('img').getAttribute('src');
      await image.locator(tid('bubble')).click({ button: 'right' });
      await pa.locator(tid('menu-forward')).click();
      await pa.locator(tid('forward-picker')).waitFor();
      await pa.locator('.adm-action-sheet').waitFor({ state: 'detached' }); // the menu's closing animation
      // before typing: antd-mobile's search clear button (shown once there is text) is a div with a label axe refuses
      await axeClean(pa, 'forward picker');
      const search = pa.locator(`${tid('forward-picker-search')} input`);
      await search.click();
      await search.fill('zmps'); // 周末爬山群
      await waitFor(pa, (g) => !!document.querySelector(`[data-testid="forward-picker-${g}"]`) && !document.querySelector('[data-testid^="forward-picker-d_"]'), gid);
      await pa.locator(tid(`forward-picker-${gid}`)).click();
      await shot(pa, 'forward-picker');
      await pa.locator(tid('forward-picker-done')).click();
      await waitFor(pb, (s) => [...document.querySelectorAll('.msg-row[data-kind="image"] img')].some((i) => i.getAttribute('src') === s && i.complete && i.naturalWidth > 0), src);
      // 多选: start from a text, add the file, forward both
      await textRow(pa, '在的，你好呀 😀').locator(tid('bubble')).click({ button: 'right' });
      await pa.locator(tid('menu-select')).click();
      await pa.locator(tid('select-bar')).waitFor();
      await pa.locator('.msg-row[data-kind="file"]').first().locator(tid('msg-select')).click();
      if (!(await textOf(pa, tid('select-bar'))).includes('2')) throw new Error('select bar: ' + (await textOf(pa, tid('select-bar'))));
      await pa.locator(tid('select-forward')).click();
      await pa.locator(tid(`forward-picker-${gid}`)).click();
      await pa.locator(tid('forward-picker-done')).click();
      await pa.locator(tid('select-bar')).waitFor({ state: 'detached' });
      await waitBubble(pb, '在的，你好呀 😀');
      await waitFor(pb, () => {
        const rows = [...document.querySelectorAll('.msg-row')];
        const text = rows.findIndex((r) => r.querySelector('.bubble-text')?.textContent === '在的，你好呀 😀');
        const file = rows.findIndex((r) => r.dataset.kind === 'file');
        return text >= 0 && file > text;
      });
    }),

    mention: () => step('@mention: @ in a group opens the member picker (pinyin search; 所有人 only for the owner); the member mentioned sees [有人@我] in red until they open the chat', async () => {
      const { pa, pb } = h.pages();
      const gid = state.gid;
      await goTab(pa, 'chats');
      const input = pb.locator(`${tid('composer-input')} textarea`).first();
      await input.click();
      await pb.keyboard.type('@');
      await pb.locator(tid('mention-picker')).waitFor();
      if ((await pb.locator(tid('mention-picker-*')).count()) !== 0) throw new Error('所有人 offered to a member who is not the owner');
      const search = pb.locator(`${tid('mention-picker-search')} input`);
      await search.click();
      await search.fill('xm'); // 小明
      await pb.locator(tid(`mention-picker-${A.phone}`)).click();
      if ((await input.inputValue()) !== '@小明 ') throw new Error('input holds ' + JSON.stringify(await input.inputValue()));
      await input.fill('@小明 看看这张图');
      await pb.locator(tid('composer-send')).click();
      const row = pa.locator(tid(`chat-row-${gid}`));
      await row.locator(tid('chat-row-mention')).waitFor();
      const marker = await row.locator(tid('chat-row-mention')).evaluate((e) => ({ text: e.textContent, color: getComputedStyle(e).color }));
      if (marker.text !== '[有人@我]' || marker.color !== 'rgb(196, 43, 42)') throw new Error('marker ' + JSON.stringify(marker));
      await shot(pa, 'chats-mention');
      await row.click();
      await waitBubble(pa, '@小明 看看这张图');
      // the owner may mention everyone
      await pa.locator(`${tid('composer-input')} textarea`).first().click();
      await pa.keyboard.type('@');
      await pa.locator(tid('mention-picker-*')).waitFor();
      await pa.keyboard.press('Escape');
      await pa.locator(tid('mention-picker')).waitFor({ state: 'detached' });
      await h.fill(pa, 'composer-input', '', 'textarea');
      await backToList(pa);
      if ((await row.locator(tid('chat-row-mention')).count()) !== 0) throw new Error('[有人@我] stayed after the chat was opened');
      // back where the next step expects A: the group's info page
      await row.click();
      await pa.locator(tid('chat-more')).click();
      await pa.locator(tid('group-info-page')).waitFor();
    }),

    pinAndMute: () => step('pinned and muted: from the chat list menu (mouse and keyboard) and the chat info page; pinned on top on grey, muted with a bell-off and a dot, left out of the tab badge; another tab of the user follows (conversation.updated)', async () => {
      const { pa, pb, a } = h.pages();
      const gid = state.gid;
      const firstRow = () => pa.evaluate(() => document.querySelector('[data-testid^="chat-row-"]')?.dataset.testid);
      await goTab(pa, 'chats');
      const groupRow = pa.locator(tid(`chat-row-${gid}`));
      const dmRow = pa.locator(tid(`chat-row-${DM}`));
      await groupRow.click({ button: 'right' });
      await pa.locator(tid('chat-menu-pin')).click();
      await pa.locator(`${tid(`chat-row-${gid}`)}[data-pinned="true"]`).waitFor();
      if ((await firstRow()) !== `chat-row-${gid}`) throw new Error('the pinned chat is not first: ' + (await firstRow()));
      const grey = await groupRow.evaluate((e) => getComputedStyle(e).backgroundColor);
      if (grey !== 'rgb(243, 243, 243)') throw new Error('pinned row background ' + grey);
      // mute the direct chat from its info page (the contact's page)
      await openChat(pa, DM);
      await pa.locator(tid('chat-more')).click();
      await pa.locator(tid('setting-muted')).click();
      await waitFor(pa, () => document.querySelector('[data-testid="setting-muted"]')?.getAttribute('aria-checked') === 'true');
      await goTab(pa, 'chats');
      await dmRow.locator(tid('chat-row-muted')).waitFor();
      // a new message in the muted chat: a dot, not a number, and the tab badge leaves it out
      const badge = async () => ((await pa.locator(tid('tab-badge-chats')).count()) ? await textOf(pa, tid('tab-badge-chats')) : '');
      const badgeBefore = await badge();
      await goTab(pb, 'chats');
      await openChat(pb, DM);
      await sendText(pb, '免打扰也收得到');
      await waitFor(pa, (id) => document.querySelector(`[data-testid="chat-row-${id}"]`)?.dataset.unread === '1', DM);
      if ((await dmRow.locator('.adm-badge-dot').count()) !== 1 || /\d/.test(await dmRow.locator('.adm-badge').first().textContent())) throw new Error('a muted chat shows a number');
      if ((await badge()) !== badgeBefore) throw new Error(`tab badge ${badgeBefore} → ${await badge()}`);
      // the direct chat is newer now, and the pinned group still comes first
      if ((await firstRow()) !== `chat-row-${gid}`) throw new Error('the pinned chat is no longer first: ' + (await firstRow()));
      await shot(pa, 'chats-pinned-muted');
      await desktopShot(pa, 'desktop-chats-pinned-muted');
      // another tab of A's shows the same, and follows an unmute made here
      const pa2 = await a.context.newPage();
      try {
        await pa2.goto(h.url() + '/chats');
        await waitFor(pa2, () => window.__weiliaoSocket?.state === 'ready');
        await waitFor(pa2, ([g, d]) => document.querySelector(`[data-testid="chat-row-${g}"]`)?.dataset.pinned === 'true' && document.querySelector(`[data-testid="chat-row-${d}"]`)?.dataset.muted === 'true', [gid, DM]);
        await dmRow.focus(); // by keyboard this time: Shift+F10 opens the row's menu
        await pa.keyboard.press('Shift+F10');
        await pa.locator(tid('chat-menu-mute')).click();
        await waitFor(pa, (d) => document.querySelector(`[data-testid="chat-row-${d}"]`)?.dataset.muted === 'false', DM);
        await waitFor(pa2, (d) => document.querySelector(`[data-testid="chat-row-${d}"]`)?.dataset.muted === 'false', DM);
      } finally {
        await pa2.close();
      }
    }),
  };
}
