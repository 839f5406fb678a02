// Signing in with a GitHub personal access token (the build copies this file to /admin/signin.js): no OAuth
// helper for the council to run. The token is checked against GitHub's API (who it is, whether it may write to
// the repository), then kept where Decap restores its GitHub session from — localStorage "decap-cms-user",
// {backendName: "github", token, …} (decap-cms-core/src/backend.ts: currentUser → restoreUser) — and the page
// is loaded again. Decap's own «Вийти» removes that key: the browser forgets the token.
const API = "https://api.github.com";
const KEY = "decap-cms-user";
const panel = document.getElementById("visnyk-token");
const repo = panel ? panel.dataset.repo : "";

const SAY = {
  empty: "Вставте токен доступу: рядок, що починається з github_pat_.",
  network: "Не вдалося зв'язатися з GitHub: перевірте з'єднання з інтернетом і спробуйте ще раз.",
  refused: "GitHub не прийняв токен: він неправильний, скопійований не повністю, прострочений або відкликаний. "
    + "Створіть новий токен за інструкцією й вставте його.",
  no_repo: `Токен не дає доступу до репозиторію ${repo}. Під час створення токена виберіть у «Repository access» `
    + "лише цей репозиторій.",
  read_only: `Токен дозволяє лише читати репозиторій ${repo}. Потрібні дозволи «Contents» і «Pull requests» `
    + "з рівнем «Read and write»: створіть новий токен із ними.",
};

async function github(path, token) {
  return fetch(API + path, { headers: { Authorization: `token ${token}`, Accept: "application/vnd.github+json" } });
}

// The token's verdict: {user} or {problem: a key of SAY}.
export async function check(token) {
  if (!token) return { problem: "empty" };
  let user, found;
  try {
    user = await github("/user", token);
    if (user.status === 401 || user.status === 403) return { problem: "refused" };
    if (!user.ok) return { problem: "network" };
    found = await github(`/repos/${repo}`, token);
  } catch {
    return { problem: "network" };
  }
  if (found.status === 404 || found.status === 403 || found.status === 401) return { problem: "no_repo" };
  if (!found.ok) return { problem: "network" };
  const data = await found.json();
  if (!(data.permissions && data.permissions.push)) return { problem: "read_only" }; // as Decap's hasWriteAccess
  return { user: await user.json() };
}

function signedIn() {
  try {
    return (JSON.parse(localStorage.getItem(KEY) || "null") || {}).backendName === "github";
  } catch {
    return false;
  }
}

// Shown while Decap shows its own sign-in page and no session is kept: at first, and after «Вийти».
function show() {
  panel.hidden = signedIn() || !document.querySelector("[class*=StyledAuthenticationPage]");
}
if (panel) {
  let queued = false;
  new MutationObserver(() => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(() => { queued = false; show(); });
    }
  }).observe(document.body, { childList: true, subtree: true });
  const form = panel.querySelector("form");
  const field = form.querySelector("input");
  const error = panel.querySelector("[role=alert]");
  form.addEventListener("submit", async (event) => {
    event.preventDefault(); // (form-action 'none': nothing is sent anywhere but GitHub's API)
    const button = form.querySelector("button");
    button.disabled = true;
    error.textContent = "";
    const token = field.value.trim();
    const { user, problem } = await check(token);
    button.disabled = false;
    if (problem) {
      error.textContent = SAY[problem];
      field.setAttribute("aria-invalid", "true");
      field.focus();
      return;
    }
    const { login, name, avatar_url: avatar } = user;
    localStorage.setItem(KEY, JSON.stringify({ backendName: "github", token, login, name: name || login,
                                                avatar_url: avatar, useOpenAuthoring: false }));
    location.reload(); // Decap starts with the stored session
  });
}
