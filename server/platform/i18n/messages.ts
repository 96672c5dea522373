import type { Language } from './language.ts';

/**
 * Every message a caller can receive from the API, in both official languages. A feature
 * adds its own codes here; the type makes a missing translation a compile error.
 * `{field}`-style placeholders are filled from the error's params.
 */
const en = {
  bad_request: 'The request could not be read.',
  validation_failed: 'The field {field} {reason}.',
  reason_required: 'is required',
  reason_unknown: 'is not accepted here',
  reason_type: 'must be of type {type}',
  reason_min_length: 'must have at least {limit} characters',
  reason_max_length: 'must have at most {limit} characters',
  reason_minimum: 'must be at least {limit}',
  reason_maximum: 'must be at most {limit}',
  reason_format: 'is not in the expected format',
  reason_enum: 'must be one of: {values}',
  reason_min_items: 'must have at least {limit} entries',
  reason_max_items: 'must have at most {limit} entries',
  reason_invalid: 'is not valid',
  payload_too_large: 'The request is larger than the allowed {limit} bytes.',
  unsupported_media_type: 'This content type is not accepted here.',
  not_found: 'Nothing was found at this address.',
  method_not_allowed: 'This method is not allowed here.',
  too_many_requests: 'Too many requests; wait a moment and try again.',
  service_unavailable: 'The portal is not available right now; try again shortly.',
  internal_error: 'Something went wrong on our side. The error has been logged with reference {requestId}.',
  unauthenticated: 'Sign in to continue.',
  forbidden: 'You are not allowed to do this.',
  csrf_failed: 'This request lacks its anti-forgery token (x-csrf-token). Reload the page and try again.',
  enrolment_required: 'Set up your second factor before continuing.',
  invalid_credentials: 'The e-mail, password or code is not correct.',
  second_factor_required: 'Enter the code from your authenticator app, or a recovery code.',
  login_throttled: 'Too many failed attempts. Wait {seconds} seconds before trying again.',
  invalid_otp: 'The code is not correct or has already been used.',
  invalid_token: 'This link is not valid or has expired. Ask for a new one.',
  wrong_password: 'Your current password is not correct.',
  email_taken: 'An account with this e-mail address already exists.',
  invalid_country: 'The country or organisation code {code} is not one of the portal’s.',
  invalid_pgp_key: 'This is not a usable OpenPGP public key: {reason}.',
  already_enrolled: 'Your second factor is already set up.',
  enrolment_not_started: 'Start the set-up first: ask for a new secret.',
  session_not_found: 'No such session.',
  user_not_active: 'This account has not accepted its invitation yet.',
  user_not_invited: 'This account has already accepted its invitation.',
} as const;

export type MessageCode = keyof typeof en;

const es: Record<MessageCode, string> = {
  bad_request: 'No se pudo leer la solicitud.',
  validation_failed: 'El campo {field} {reason}.',
  reason_required: 'es obligatorio',
  reason_unknown: 'no se admite aquí',
  reason_type: 'debe ser de tipo {type}',
  reason_min_length: 'debe tener al menos {limit} caracteres',
  reason_max_length: 'debe tener como máximo {limit} caracteres',
  reason_minimum: 'debe ser como mínimo {limit}',
  reason_maximum: 'debe ser como máximo {limit}',
  reason_format: 'no tiene el formato esperado',
  reason_enum: 'debe ser uno de: {values}',
  reason_min_items: 'debe tener al menos {limit} elementos',
  reason_max_items: 'debe tener como máximo {limit} elementos',
  reason_invalid: 'no es válido',
  payload_too_large: 'La solicitud supera los {limit} bytes permitidos.',
  unsupported_media_type: 'Este tipo de contenido no se admite aquí.',
  not_found: 'No se encontró nada en esta dirección.',
  method_not_allowed: 'Este método no está permitido aquí.',
  too_many_requests: 'Demasiadas solicitudes; espere un momento e inténtelo de nuevo.',
  service_unavailable: 'El portal no está disponible en este momento; inténtelo de nuevo en breve.',
  internal_error: 'Algo salió mal de nuestro lado. El error quedó registrado con la referencia {requestId}.',
  unauthenticated: 'Inicie sesión para continuar.',
  forbidden: 'No tiene permiso para hacer esto.',
  csrf_failed: 'A esta solicitud le falta su token antifalsificación (x-csrf-token). Recargue la página e inténtelo de nuevo.',
  enrolment_required: 'Configure su segundo factor antes de continuar.',
  invalid_credentials: 'El correo, la contraseña o el código no son correctos.',
  second_factor_required: 'Introduzca el código de su aplicación de autenticación o un código de recuperación.',
  login_throttled: 'Demasiados intentos fallidos. Espere {seconds} segundos antes de volver a intentarlo.',
  invalid_otp: 'El código no es correcto o ya se ha utilizado.',
  invalid_token: 'Este enlace no es válido o ha caducado. Solicite uno nuevo.',
  wrong_password: 'Su contraseña actual no es correcta.',
  email_taken: 'Ya existe una cuenta con esta dirección de correo.',
  invalid_country: 'El código de país u organización {code} no es uno de los del portal.',
  invalid_pgp_key: 'Esta no es una clave pública OpenPGP utilizable: {reason}.',
  already_enrolled: 'Su segundo factor ya está configurado.',
  enrolment_not_started: 'Primero inicie la configuración: solicite un nuevo secreto.',
  session_not_found: 'No existe esa sesión.',
  user_not_active: 'Esta cuenta aún no ha aceptado su invitación.',
  user_not_invited: 'Esta cuenta ya aceptó su invitación.',
};

export const catalogues: Record<Language, Record<MessageCode, string>> = { en, es };

export function message(language: Language, code: MessageCode, params: Record<string, string | number> = {}): string {
  return catalogues[language][code].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
