import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobsFileJsonSchema } from './file-schema';

const SHIPPED = path.resolve(__dirname, '../../../schemas/jobs.schema.json');
const generated = () => `${JSON.stringify(jobsFileJsonSchema(), null, 2)}\n`;

describe('the shipped JSON Schema of the jobs file', () => {
  // `npm run schemas` sets UPDATE_SCHEMAS=1 and writes the file from the zod schema.
  if (process.env.UPDATE_SCHEMAS === '1') fs.writeFileSync(SHIPPED, generated());

  it('is what the zod schema generates today (regenerate with `npm run schemas`)', () => {
    expect(fs.existsSync(SHIPPED), `${SHIPPED} is missing: run npm run schemas`).toBe(true);
    expect(fs.readFileSync(SHIPPED, 'utf8')).toBe(generated());
  });

  it('describes jobs strictly: unknown fields are not allowed and a job needs a name and a schedule', () => {
    const schema = jobsFileJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: { jobs: { items: { required: string[]; additionalProperties: boolean; properties: Record<string, unknown> } } };
    };
    expect(schema.required).toEqual(['jobs']);
    expect(schema.additionalProperties).toBe(false);
    const job = schema.properties.jobs.items;
    expect(job.additionalProperties).toBe(false);
    expect(job.required).toEqual(['name', 'schedule']);
    expect(Object.keys(job.properties)).toEqual(expect.arrayContaining(['prompt', 'prompt_id', 'prompt_ref', 'command', 'http', 'execution', 'retry', 'notifications', 'tags', 'priority', 'overlap', 'catch_up']));
  });
});
