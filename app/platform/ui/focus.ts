import { useEffect, useRef } from 'react'
import { useLocation } from 'react-router'

/**
 * After in-app navigation, move the focus to the new page's h1, as a full page load would
 * put screen-reader and keyboard users at the top of the new page. The first render (a real
 * page load) and changes of only the query or hash (filters, anchors) keep the focus where it is.
 */
export function useFocusOnNavigation() {
  const { pathname } = useLocation()
  const previous = useRef(pathname)
  useEffect(() => {
    if (previous.current === pathname) return
    previous.current = pathname
    const heading = document.querySelector<HTMLElement>('main h1')
    heading?.focus({ preventScroll: true })
  }, [pathname])
}
