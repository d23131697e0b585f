// One way to submit an antd form: its values once every rule holds, or null when one does not (antd then shows the
// messages on the fields). A refused form is an answer, not an error: nothing is thrown, nothing reaches the console.
import type { FormInstance } from 'antd';

const isValidationFailure = (error: unknown): boolean => typeof error === 'object' && error !== null && 'errorFields' in error;

export async function validated<Values>(form: FormInstance<Values>): Promise<Values | null> {
  try {
    return await form.validateFields();
  } catch (error) {
    if (isValidationFailure(error)) return null;
    throw error;
  }
}
