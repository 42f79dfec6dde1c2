// The session is vendly-server's cookie. When a sign-in goes through a server action, the server's
// Set-Cookie is replayed to the browser as the server wrote it (name, value, Max-Age, Secure...).
import { cookies } from 'next/headers';
import { SESSION_COOKIE } from '@/app/lib/api';

type CookieOptions = NonNullable<Parameters<Awaited<ReturnType<typeof cookies>>['set']>[2]>;

export async function replaySessionCookie(setCookies: string[]): Promise<void> {
  const jar = await cookies();
  for (const header of setCookies) {
    const [pair = '', ...attributes] = header.split(';').map((p) => p.trim());
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq) !== SESSION_COOKIE) continue;
    const options: CookieOptions = { path: '/', httpOnly: false, sameSite: 'lax' };
    for (const attribute of attributes) {
      const [rawKey = '', value = ''] = attribute.split('=');
      const key = rawKey.toLowerCase();
      if (key === 'path') options.path = value;
      else if (key === 'httponly') options.httpOnly = true;
      else if (key === 'secure') options.secure = true;
      else if (key === 'max-age') options.maxAge = Number(value);
      else if (key === 'samesite') options.sameSite = value.toLowerCase() as 'lax' | 'strict' | 'none';
    }
    jar.set(SESSION_COOKIE, pair.slice(eq + 1), options);
  }
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}

export async function hasSessionCookie(): Promise<boolean> {
  return Boolean((await cookies()).get(SESSION_COOKIE)?.value);
}
