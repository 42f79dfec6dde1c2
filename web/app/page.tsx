import Link from 'next/link';

export default function Home() {
  return (
    <main>
      <h1>Vendly Instagram Auto-Catalog</h1>
      <p className="lead">Your Instagram posts become store products: name, price, sizes and colours read from your captions.</p>
      <div className="card stack">
        <p>
          <Link className="button-link" href="/signup">
            Create your store
          </Link>{' '}
          <Link className="button-link secondary" href="/login">
            Sign in
          </Link>
        </p>
        <p>
          <Link href="/try">Try the extractor</Link> on a caption of your own: it runs in your browser, the same engine
          our server uses.
        </p>
      </div>
    </main>
  );
}
