-- Sign-in throttling (store/throttle_store.cc; the rule is the core's, shared/include/vendly/throttle.h): one
-- counter per door and key, and the addresses each seller signed in from (its usual addresses skip the
-- account's counter, so guesses made elsewhere never keep the seller out).
CREATE TABLE auth_throttle (
  scope         text NOT NULL CHECK (scope IN ('login_account', 'login_address', 'signup_account',
                                               'signup_address')),
  key           text NOT NULL CHECK (length(key) BETWEEN 1 AND 320),  -- lower-case email or client address
  attempts      integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),  -- counted and not given back by a success
  blocked_until timestamptz,                                       -- no attempt is checked before this
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
CREATE INDEX auth_throttle_updated_idx ON auth_throttle (updated_at);

CREATE TABLE seller_login_address (
  seller_id     text NOT NULL REFERENCES seller (id) ON DELETE CASCADE,
  address       text NOT NULL CHECK (length(address) BETWEEN 1 AND 64),
  last_login_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (seller_id, address)
);
