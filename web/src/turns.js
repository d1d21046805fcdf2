// Figures start one at a time. If every figure built and simulated in the same task, the page would show
// its first figure only after the last one was done; instead each figure takes a turn, the next turn
// starts in a new task once the previous figure has painted, and a figure on screen goes before those
// that are not.
const queue = [];
const onScreen = new Set();
let observer = null;
let busy = false;

function watch(element) {
  if (typeof IntersectionObserver !== 'function') return;
  if (!observer) {
    observer = new IntersectionObserver((entries) => {
      for (const e of entries) {
        if (e.isIntersecting) onScreen.add(e.target);
        else onScreen.delete(e.target);
      }
    });
  }
  observer.observe(element);
}

function next() {
  if (busy || !queue.length) return;
  let i = queue.findIndex((q) => onScreen.has(q.element));
  if (i < 0) i = 0;
  const [turn] = queue.splice(i, 1);
  if (observer) observer.unobserve(turn.element);
  onScreen.delete(turn.element);
  busy = true;
  turn.begin();
}

// After the frame that paints what the figure drew (or soon, in a tab that is not rendering frames).
function afterPaint() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 200);
    requestAnimationFrame(() => setTimeout(() => {
      clearTimeout(timer);
      resolve();
    }, 0));
  });
}

// Resolves when it is this element's turn; call the returned function when its first drawing is done.
export function takeTurn(element) {
  return new Promise((begin) => {
    queue.push({ element, begin: () => begin(() => afterPaint().then(() => { busy = false; next(); })) });
    watch(element);
    next();
  });
}
