// The deck's own styles. Fonts come from installed @fontsource packages, so nothing loads from the internet.
import '@fontsource/pt-serif/400.css'
import '@fontsource/pt-serif/400-italic.css'
import '@fontsource/pt-serif/700.css'
import '@fontsource/pt-serif/700-italic.css'
import '@fontsource/pt-mono/400.css'
import './print.css'
import './stage.css'
