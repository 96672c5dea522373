import type { Catalogue } from './en.ts';

export const es: Catalogue = {
  'app.name': 'Enlace',
  'app.tagline': 'Portal seguro de intercambio de las autoridades migratorias',
  'app.skipToContent': 'Saltar al contenido',
  'lang.label': 'Idioma',
  'lang.es': 'Español',
  'lang.en': 'English',
  'nav.label': 'Navegación principal',
  'nav.home': 'Inicio',
  'home.title': 'Bienvenido a Enlace',
  'home.lead':
    'El portal privado donde los oficiales de enlace intercambian especímenes de documentos de viaje fraudulentos, rutas y métodos de tráfico ilícito de migrantes y alertas tempranas.',
  'home.specimens.title': 'Especímenes documentales',
  'home.specimens.text': 'Falsificaciones, alteraciones y documentos obtenidos fraudulentamente, con imágenes bajo distintas luces.',
  'home.alerts.title': 'Alertas tempranas',
  'home.alerts.text': 'Alertas a las autoridades migratorias, entregadas en el portal, por correo cifrado y a los sistemas nacionales.',
  'home.audit.title': 'Registro de auditoría',
  'home.audit.text': 'Cada acceso queda en un registro a prueba de manipulaciones que los auditores pueden verificar.',
  'footer.handling': 'Información restringida. Manéjese según su etiqueta TLP.',
  'status.checking': 'Comprobando el servicio…',
  'status.ready': 'Servicio disponible',
  'status.unavailable': 'Servicio no disponible: inténtelo de nuevo en unos minutos.',
};
