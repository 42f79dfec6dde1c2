'use client';
import { useEffect } from 'react';

// Facebook Login appends "#_=_" to its redirect, and the browser keeps it through vendly-server's
// redirect to this page: drop it from the address bar.
export function DropMetaFragment() {
  useEffect(() => {
    if (window.location.hash === '#_=_') window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }, []);
  return null;
}
