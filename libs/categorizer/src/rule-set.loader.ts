import { findCategory, isLeafCategory } from './category-taxonomy.js';
import { CategorizerError } from './categorizer.error.js';
import { isDecimalString } from './decimal-amount.js';
import { compileUserRegex } from './user-regex.js';
import type { CategorizationRule, CategorizationRuleSet, CustomCategory, RuleMatch } from './rule-set.types.js';

const SET_KEYS = ['version', 'name', 'categories', 'rules'];
const RULE_KEYS = ['id', 'category', 'match', 'confidence'];
const MATCH_KEYS = ['contains', 'regex', 'counterparty', 'mcc', 'sign', 'amount'];
const CATEGORY_ID = /^[a-z][a-z0-9_.-]{0,63}$/;

function fail(field: string, message: string): never {
  throw new CategorizerError('INVALID_RULE_SET', field, message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(value: Record<string, unknown>, allowed: string[], path: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(path === '' ? key : `${path}.${key}`, `unknown field (allowed: ${allowed.join(', ')})`);
  }
}

function nonEmptyString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(field, 'must be a non-empty string');
  return value;
}

function stringOrStrings(value: unknown, field: string): string | string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) fail(field, 'must not be an empty list');
    return value.map((item, i) => nonEmptyString(item, `${field}[${i}]`));
  }
  return nonEmptyString(value, field);
}

function mccValue(value: unknown, field: string): string | number {
  const ok = (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 9999) || (typeof value === 'string' && /^\d{4}$/.test(value));
  if (!ok) fail(field, 'must be a 4-digit merchant category code');
  return value as string | number;
}

function loadMatch(value: unknown, path: string): RuleMatch {
  if (!isObject(value)) fail(path, 'must be an object');
  checkKeys(value, MATCH_KEYS, path);
  const match: RuleMatch = {};
  if (value.contains !== undefined) match.contains = stringOrStrings(value.contains, `${path}.contains`);
  if (value.counterparty !== undefined) match.counterparty = stringOrStrings(value.counterparty, `${path}.counterparty`);
  if (value.regex !== undefined) {
    const regex = nonEmptyString(value.regex, `${path}.regex`);
    try {
      compileUserRegex(regex);
    } catch (error) {
      fail(`${path}.regex`, `invalid regular expression (${(error as Error).message}); RE2 syntax, without look-around or back-references`);
    }
    match.regex = regex;
  }
  if (value.mcc !== undefined) {
    match.mcc = Array.isArray(value.mcc) ? value.mcc.map((m, i) => mccValue(m, `${path}.mcc[${i}]`)) : mccValue(value.mcc, `${path}.mcc`);
  }
  if (value.sign !== undefined) {
    if (value.sign !== 'debit' && value.sign !== 'credit') fail(`${path}.sign`, 'must be "debit" or "credit"');
    match.sign = value.sign;
  }
  if (value.amount !== undefined) {
    const amount = value.amount;
    if (!isObject(amount)) fail(`${path}.amount`, 'must be an object with min and/or max');
    checkKeys(amount, ['min', 'max'], `${path}.amount`);
    for (const bound of ['min', 'max'] as const) {
      if (amount[bound] !== undefined && !isDecimalString(amount[bound])) fail(`${path}.amount.${bound}`, 'must be a decimal string such as "12.50"');
    }
    if (amount.min === undefined && amount.max === undefined) fail(`${path}.amount`, 'needs min or max');
    match.amount = { ...(amount.min !== undefined && { min: amount.min as string }), ...(amount.max !== undefined && { max: amount.max as string }) };
  }
  if (match.contains === undefined && match.regex === undefined && match.counterparty === undefined && match.mcc === undefined) {
    fail(path, 'needs at least one of contains, regex, counterparty, mcc');
  }
  return match;
}

function loadCategories(value: unknown, path: string): CustomCategory[] {
  if (!Array.isArray(value)) fail(path, 'must be a list');
  const seen = new Set<string>();
  return value.map((item, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(item)) fail(at, 'must be an object');
    checkKeys(item, ['id', 'parent', 'label'], at);
    const id = nonEmptyString(item.id, `${at}.id`);
    if (!CATEGORY_ID.test(id)) fail(`${at}.id`, 'must be lower case letters, digits, "_", "-" or "." and start with a letter');
    if (findCategory(id)) fail(`${at}.id`, `"${id}" is already a built-in category`);
    if (seen.has(id)) fail(`${at}.id`, `duplicate category "${id}"`);
    seen.add(id);
    const parent = nonEmptyString(item.parent, `${at}.parent`);
    if (!findCategory(parent)) fail(`${at}.parent`, `unknown category "${parent}" (must be a built-in category)`);
    const category: CustomCategory = { id, parent };
    if (item.label !== undefined) category.label = nonEmptyString(item.label, `${at}.label`);
    return category;
  });
}

/**
 * Validates a user rule set (a parsed JSON value, or JSON text) and returns it typed.
 * Throws CategorizerError INVALID_RULE_SET whose `field` names the offending value, e.g. `rules[2].match.regex`.
 */
export function loadRuleSet(json: unknown): CategorizationRuleSet {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      fail('$', `not valid JSON (${(error as Error).message})`);
    }
  }
  if (!isObject(value)) fail('$', 'a rule set must be a JSON object with a "rules" list');
  checkKeys(value, SET_KEYS, '');
  if (value.version !== undefined && value.version !== 1) fail('version', 'only version 1 exists');
  const set: CategorizationRuleSet = { rules: [] };
  if (value.version !== undefined) set.version = 1;
  if (value.name !== undefined) set.name = nonEmptyString(value.name, 'name');
  const categories = value.categories === undefined ? [] : loadCategories(value.categories, 'categories');
  if (value.categories !== undefined) set.categories = categories;
  const custom = new Set(categories.map((c) => c.id));

  if (!Array.isArray(value.rules)) fail('rules', 'must be a list');
  const ids = new Set<string>();
  set.rules = value.rules.map((item, i): CategorizationRule => {
    const at = `rules[${i}]`;
    if (!isObject(item)) fail(at, 'must be an object');
    checkKeys(item, RULE_KEYS, at);
    const id = nonEmptyString(item.id, `${at}.id`);
    if (ids.has(id)) fail(`${at}.id`, `duplicate rule id "${id}"`);
    ids.add(id);
    const category = nonEmptyString(item.category, `${at}.category`);
    if (!isLeafCategory(category) && !custom.has(category)) {
      fail(`${at}.category`, `unknown category "${category}" (use a built-in category id or declare it under "categories")`);
    }
    const rule: CategorizationRule = { id, category, match: loadMatch(item.match, `${at}.match`) };
    if (item.confidence !== undefined) {
      if (typeof item.confidence !== 'number' || !(item.confidence >= 0 && item.confidence <= 1)) fail(`${at}.confidence`, 'must be a number in [0, 1]');
      rule.confidence = item.confidence;
    }
    return rule;
  });
  return set;
}
