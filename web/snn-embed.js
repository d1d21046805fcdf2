// snn-embed.js: for a page that shows figures of the tutorial in iframes. Load it once, anywhere on the page:
//   <iframe src="https://…/embed.html#figure=lapicque-fire" data-snn-embed width="100%" height="640" title="…"></iframe>
//   <script src="https://…/snn-embed.js" async></script>
// Each embed.html posts { type: 'snn-resize', height } as it draws and resizes; the iframe it came from (and
// only that one, and only while it shows a page of the origin in its src) takes that height in CSS px.
// The height attribute stays the fallback where scripts are not allowed (Moodle, Canvas).
(() => {
  addEventListener('message', (event) => {
    const data = event.data;
    if (!data || data.type !== 'snn-resize' || !(data.height > 0 && data.height < 100000)) return;
    for (const frame of document.querySelectorAll('iframe[data-snn-embed]')) {
      if (frame.contentWindow !== event.source) continue;
      let origin = 'null';
      try {
        origin = new URL(frame.src, document.baseURI).origin;
      } catch {}
      if (origin === event.origin) frame.style.height = `${Math.ceil(data.height)}px`;
    }
  });
})();
