// The API key is entered once per browser session and never stored in plain sight: it lives in
// memory, and in sessionStorage only as AES-GCM ciphertext under a non-extractable WebCrypto key
// kept in IndexedDB (a script can use that key but never read it out; closing the tab drops the
// ciphertext). Never localStorage, cookies or URLs.

const dbName = 'ledger-console';
const storeName = 'keys';
const wrapKeyId = 'session-wrap';
const sessionItem = 'ledger-console.key';
const ivBytes = 12;

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(dbName, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(storeName);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function request<T>(
  db: IDBDatabase,
  mode: IDBTransactionMode,
  run: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = run(db.transaction(storeName, mode).objectStore(storeName));
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function wrappingKey(): Promise<CryptoKey> {
  const db = await openDb();
  try {
    const existing = await request<CryptoKey | undefined>(
      db,
      'readonly',
      (s) => s.get(wrapKeyId) as IDBRequest<CryptoKey | undefined>,
    );
    if (existing) return existing;
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    await request(db, 'readwrite', (s) => s.put(key, wrapKeyId));
    return key;
  } finally {
    db.close();
  }
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export async function rememberKey(apiKey: string): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(ivBytes));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv },
      await wrappingKey(),
      new TextEncoder().encode(apiKey),
    ),
  );
  sessionStorage.setItem(sessionItem, `${toBase64(iv)}.${toBase64(sealed)}`);
}

export async function recallKey(): Promise<string | undefined> {
  const stored = sessionStorage.getItem(sessionItem);
  if (!stored) return undefined;
  try {
    const [iv, sealed] = stored.split('.') as [string, string];
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(iv) },
      await wrappingKey(),
      fromBase64(sealed),
    );
    return new TextDecoder().decode(plain);
  } catch {
    sessionStorage.removeItem(sessionItem);
    return undefined;
  }
}

export function forgetKey(): void {
  sessionStorage.removeItem(sessionItem);
}
