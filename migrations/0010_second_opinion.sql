-- The second opinion of a language model (issue 11). A store can switch it off in its settings; the
-- server's VENDLY_AI_MODE decides whether any post is sent at all (off by default), so the switch is on
-- unless the seller turns it off.
ALTER TABLE store ADD COLUMN ai_second_opinion boolean NOT NULL DEFAULT true;

-- What the model read for the draft's product and how the core merged it with the engine's reading
-- (the draft API's secondOpinion: provider, model, and per field its source, whether the two dispute it
-- and both readings); null when no model was asked.
ALTER TABLE product_draft ADD COLUMN second_opinion jsonb
  CHECK (second_opinion IS NULL OR jsonb_typeof(second_opinion) = 'object');
